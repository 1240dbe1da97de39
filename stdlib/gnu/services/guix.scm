;;; Services around Guix itself; guix-service-type lives in (gnu services base).

(define-module (gnu services guix)
  #:use-module (gnu services)
  #:use-module (gnu services base)
  #:re-export (guix-service-type
               guix-configuration
               guix-extension)
  #:export (guix-build-coordinator-service-type
            guix-data-service-type
            guix-home-service-type))

(define guix-build-coordinator-service-type
  (inert-service-type 'guix-build-coordinator &no-default-value
                      "The Guix build coordinator."))
(define guix-data-service-type
  (inert-service-type 'guix-data-service &no-default-value
                      "The Guix data service."))
(define guix-home-service-type
  (inert-service-type 'guix-home &no-default-value
                      "Guix Home environments of users."))
